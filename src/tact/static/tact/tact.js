// Small behaviours shared by every page. htmx does the rest.
document.addEventListener("htmx:responseError", function (event) {
  if (event.detail.xhr.status === 403) {
    alert(document.documentElement.lang === "en" ? "Your session has expired or you may not do this." : "403");
  }
});
