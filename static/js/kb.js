// The help centre's search box: answers appear while the person types.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("live-results");
  var lang = document.documentElement.lang;
  var timer = null;
  var asked = "";

  function show(results) {
    list.innerHTML = "";
    results.forEach(function (r) { list.appendChild(window.resultItem(r)); });
    list.hidden = results.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2) { show([]); return; }
      if (q === asked) return;
      asked = q;
      fetch("/api/kb/search?prefix=1&limit=6&lang=" + lang + "&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) show(data.results); })
        .catch(function () {});
    }, 200);
  });
})();
