// Gardien's only script of its own: copy buttons. Everything else works without JavaScript (htmx only
// spares a page reload). Loaded from a file because the Content-Security-Policy forbids inline scripts.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const text = "value" in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    source.select?.();  // clipboard refused (older browser): select it so Ctrl+C works
    document.execCommand?.("copy");
  }
  const status = document.getElementById(button.dataset.copy + "-statut");
  if (status) status.textContent = "Copié. Collez-le avec Ctrl+V (ou Cmd+V sur Mac).";
});
