// The print buttons of the certificate and the charter (hidden without JavaScript: Ctrl+P does the same).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-imprimer]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
