// The register page's file picker: the browser's own button speaks the browser's language, so the page shows a French
// button (a label) and, here, the name of the chosen file.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("fichier");
  const name = document.getElementById("fichier-nom");
  if (!input || !name) return;
  const show = () => { name.textContent = input.files.length ? `Fichier choisi : ${input.files[0].name}` : "Aucun fichier choisi"; };
  input.addEventListener("change", show);
  show();
});
