// One knowledge-base search result as a list item: the article's link and,
// when asked for, its snippet (escaped by the server, with <mark> highlights).
window.resultItem = function (r, options) {
  "use strict";
  options = options || {};
  var li = document.createElement("li");
  var a = document.createElement("a");
  a.href = r.url;
  a.textContent = r.title;
  a.lang = r.lang;
  if (options.newTab) a.target = "_blank";
  if (options.onOpen) a.addEventListener("click", options.onOpen);
  li.appendChild(a);
  if (options.snippet) {
    var p = document.createElement("p");
    p.className = "snippet";
    p.innerHTML = r.snippet;
    li.appendChild(p);
  }
  return li;
};
