// threatdoc draws diagrams with the system's Chromium (Debian's `chromium` package), so
// puppeteer must not try to download a browser of its own at install time.
module.exports = { skipDownload: true };
