// Leave empty filters out of the request, so the pushed URL holds only what is set.
document.addEventListener("htmx:configRequest", function (event) {
  var params = event.detail.parameters;
  Object.keys(params).forEach(function (key) { if (params[key] === "") { delete params[key]; } });
});
