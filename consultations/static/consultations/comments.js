// "Xem tất cả N góp ý": with HTMX the unit's comments are loaded in place of its first few
// (hx-get on the link); the focus then goes to the first comment that was not shown (the link's
// #gop-y-<id>), so reading and the tab order go on from there. If the request fails, the link
// is followed as without JavaScript.
(function () {
  var pending = null;
  function moreLink(event) {
    var link = event.detail && event.detail.elt;
    return link && link.closest && link.closest(".more-comments") ? link : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var link = moreLink(event);
    pending = link ? link.hash.slice(1) : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) { return; }
    var target = document.getElementById(pending);
    pending = null;
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
  function fallback(event) {
    var link = moreLink(event);
    if (link) { window.location.href = link.href; }
  }
  document.addEventListener("htmx:responseError", fallback);
  document.addEventListener("htmx:sendError", fallback);
})();
