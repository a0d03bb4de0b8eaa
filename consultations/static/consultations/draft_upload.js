// The consultation editor's draft file and Wagtail's autosave.
//
// Wagtail's autosave posts the whole edit form half a second after each change, file inputs
// included, and the consultation form turns every uploaded file into a draft (or, on a saved
// consultation, the draft's next version). So autosave holds while the consultation has no draft
// yet (the create form: the page is made by the officer's own "Lưu"/"Gửi duyệt", never by a
// half-filled autosave) and while a newly chosen file waits for that explicit save. The rest of a
// saved consultation autosaves as usual. See consultations/forms.py, DraftFileInput.
document.addEventListener("w-autosave:save", (event) => {
  const form = event.target;
  const input = form instanceof HTMLFormElement && form.querySelector("input[type=file][data-draft-upload]");
  if (!input) return;
  if (input.dataset.draftUpload === "none" || input.files.length > 0) {
    event.preventDefault();
  }
});
