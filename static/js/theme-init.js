// Runs before the first paint (loaded without defer in <head>), so a visitor who chose a
// light or dark theme never sees the other one flash. A file, not inline: the site's
// Content-Security-Policy allows no inline script.
try {
  var t = localStorage.getItem("labsite-theme");
  if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
} catch (e) {}
