// The citizen's question form: answers from the knowledge base first, then a volunteer.
(function () {
  "use strict";
  var KEY = "helpdesk.conversation";
  var form = document.getElementById("ask-form");
  var question = document.getElementById("question");
  var lang = document.getElementById("lang");
  var list = document.getElementById("suggestion-list");
  var box = document.getElementById("suggestions");
  var error = document.getElementById("ask-error");
  var button = document.getElementById("ask-button");
  var searchId = null;
  var timer = null;
  var seen = "";

  if (localStorage.getItem(KEY)) {
    document.getElementById("resume").hidden = false;
  }

  function outcome(value) {
    if (!searchId) return;
    var body = new Blob([JSON.stringify({ outcome: value })], { type: "application/json" });
    navigator.sendBeacon("/api/kb/search/" + searchId + "/outcome", body);
  }

  function render(results) {
    list.innerHTML = "";
    results.forEach(function (r) {
      list.appendChild(window.resultItem(r, {
        snippet: true, newTab: true, onOpen: function () { outcome("opened"); },
      }));
    });
    box.hidden = results.length === 0;
    button.textContent = results.length ? window.I18N.no_ask : window.I18N.ask;
  }

  // A long message is searched by its end, which holds the question, from a
  // word's start: the search takes at most maxQuery characters.
  var maxQuery = Number(question.dataset.maxQuery) || 500;
  function searchText(q) {
    if (q.length <= maxQuery) return q;
    var end = q.slice(-maxQuery);
    var space = end.search(/\s/);
    return space >= 0 ? end.slice(space + 1) : end;
  }

  function suggest() {
    var q = question.value.trim();
    if (q.length < 3 || q === seen) { if (q.length < 3) render([]); return; }
    seen = q;
    var url = "/api/kb/search?limit=3&q=" + encodeURIComponent(searchText(q)) +
      "&lang=" + lang.value;
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || question.value.trim() !== q) return;
      searchId = data.search_id;
      render(data.results);
    }).catch(function () {});
  }

  question.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 400);
  });
  lang.addEventListener("change", function () { seen = ""; suggest(); });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.hidden = true;
    var q = question.value.trim();
    if (!q) {
      error.textContent = window.I18N.required;
      error.hidden = false;
      question.focus();
      return;
    }
    button.disabled = true;
    fetch("/api/conversations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        question: q,
        lang: lang.value,
        name: document.getElementById("name").value.trim() || null,
        search_id: searchId,
      }),
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (res) {
      if (!res.ok) throw new Error(res.data.error || window.I18N.failed);
      localStorage.setItem(KEY, JSON.stringify({ id: res.data.id, token: res.data.token, lang: lang.value }));
      window.location.href = "/chat?lang=" + lang.value;
    }).catch(function (e) {
      error.textContent = e.message || window.I18N.failed;
      error.hidden = false;
      button.disabled = false;
    });
  });
})();
