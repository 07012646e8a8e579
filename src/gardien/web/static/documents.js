// The pages for documents that leave the practice: the browser's own file button speaks the browser's language, so the
// page shows a French button (a label) and, here, the names of the chosen files.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("fichiers");
  const names = document.getElementById("fichiers-noms");
  if (!input || !names) return;
  const show = () => {
    const chosen = [...input.files].map((file) => file.name);
    names.textContent = chosen.length ? `Choisi : ${chosen.join(", ")}` : "Aucun document choisi";
  };
  input.addEventListener("change", show);
  show();
});
