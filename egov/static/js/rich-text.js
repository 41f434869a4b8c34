// Rich-text fields: the Trix editor takes over each textarea marked data-rich-text and writes
// its HTML back into it (the server sanitises whatever arrives). Without scripts the textarea
// stays. Files are not attached: announcements carry text and links only.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-rich-text]").forEach((area) => {
    const editor = document.createElement("trix-editor");
    editor.setAttribute("input", area.id);
    editor.classList.add("rich-text-editor");
    const label = document.querySelector(`label[for="${area.id}"]`);
    if (label) {
      editor.setAttribute("aria-label", label.textContent.replace("*", "").trim());
      label.addEventListener("click", () => editor.focus());
    }
    area.hidden = true;
    area.after(editor);
  });
});
document.addEventListener("trix-file-accept", (event) => event.preventDefault());
