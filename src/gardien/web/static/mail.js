// The e-mail page's French file buttons: show the name of the chosen file next to its button.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  const shown = document.getElementById(input.id + "-nom");
  if (shown) shown.textContent = input.files.length ? input.files[0].name : "Aucun fichier choisi";
});
