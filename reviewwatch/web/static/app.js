// Copy buttons for "post it yourself" replies. No inline script: the CSP forbids it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.copy");
  if (!button) return;
  var source = button.parentElement.querySelector(".copy-source");
  if (!source) return;
  source.select();
  if (navigator.clipboard) {
    navigator.clipboard.writeText(source.value).then(function () { button.textContent = "Copied"; });
  }
});
