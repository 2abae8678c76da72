// Fill an element with message text, turning http(s) links into real links.
// Built with DOM nodes only: the text is never parsed as HTML.
window.fillText = function (el, text) {
  "use strict";
  var re = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
  var last = 0;
  var m;
  el.textContent = "";
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
    var a = document.createElement("a");
    a.href = m[0];
    a.textContent = m[0];
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    el.appendChild(a);
    last = m.index + m[0].length;
  }
  if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
};
