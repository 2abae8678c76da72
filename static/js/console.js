// The volunteer console: the queue, several chats at once, the knowledge base.
(function () {
  "use strict";
  var T = window.I18N;
  var ME = window.ME;
  var conversations = {}; // id -> {state, messages: {seq: m}, lastSeq}
  var current = null;
  var $ = function (id) { return document.getElementById(id); };

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  var socket = io({ transports: ["websocket", "polling"] });

  socket.on("connect", function () {
    $("conn").textContent = T.online;
    $("conn").className = "conn ok";
    var status = localStorage.getItem("helpdesk.presence") || "online";
    $("presence").value = status;
    socket.emit("presence:set", { status: status }, function () {});
    Object.keys(conversations).forEach(join);
  });
  socket.on("disconnect", function () {
    $("conn").textContent = T.offline;
    $("conn").className = "conn bad";
  });

  $("presence").addEventListener("change", function () {
    localStorage.setItem("helpdesk.presence", this.value);
    socket.emit("presence:set", { status: this.value }, function () {});
  });

  function label(c) {
    return (c.name || T.citizen) + " · " + c.lang.toUpperCase();
  }

  function renderQueue(waiting) {
    var ul = $("queue");
    ul.innerHTML = "";
    $("waiting-count").textContent = waiting.length;
    waiting.forEach(function (c) {
      var li = document.createElement("li");
      li.className = "waiting" + (c.offered_to_id === ME.id ? " offered" : "") + (c.urgent ? " urgent" : "");
      var head = document.createElement("div");
      head.className = "who";
      head.textContent = label(c) + (c.urgent ? " · " + T.urgent : "") + (c.offered_to_id === ME.id ? " · " + T.offered : "");
      var q = document.createElement("p");
      q.textContent = (c.question || "").slice(0, 240);
      var b = document.createElement("button");
      b.className = "primary small";
      b.textContent = T.accept;
      b.addEventListener("click", function () { accept(c.id); });
      li.appendChild(head);
      li.appendChild(q);
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  function renderMine() {
    var ul = $("mine");
    ul.innerHTML = "";
    Object.keys(conversations).forEach(function (id) {
      var c = conversations[id];
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.className = "tab" + (String(current) === id ? " current" : "") + (c.unread ? " unread" : "");
      b.textContent = label(c.state) + (c.state.status === "closed" ? " · " + T.closed : "");
      b.addEventListener("click", function () { show(id); });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  function addMessage(m) {
    var c = conversations[m.conversation_id];
    if (!c) return;
    if (c.messages[m.seq]) return;
    c.messages[m.seq] = m;
    c.lastSeq = Math.max(c.lastSeq, m.seq);
    if (String(current) === String(m.conversation_id)) renderMessages();
    else { c.unread = true; renderMine(); }
  }

  function renderMessages() {
    var c = conversations[current];
    var ol = $("messages");
    ol.innerHTML = "";
    Object.keys(c.messages).map(Number).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = c.messages[seq];
      var li = document.createElement("li");
      li.className = "msg " + (m.author.role === "citizen" ? "citizen-in" : m.author.role);
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = m.author.role === "system" ? T.system : (m.author.name || T.citizen);
      var p = document.createElement("p");
      window.fillText(p, m.body);
      li.appendChild(who);
      li.appendChild(p);
      ol.appendChild(li);
    });
    ol.scrollTop = ol.scrollHeight;
  }

  function show(id) {
    current = String(id);
    var c = conversations[current];
    c.unread = false;
    $("empty").hidden = true;
    $("active").hidden = false;
    $("chat-title").textContent = label(c.state);
    var closed = c.state.status === "closed";
    $("send-form").hidden = closed;
    $("close").hidden = closed;
    $("requeue").hidden = closed;
    renderMessages();
    renderMine();
  }

  function track(state) {
    var id = String(state.id);
    if (!conversations[id]) conversations[id] = { state: state, messages: {}, lastSeq: 0 };
    else conversations[id].state = Object.assign(conversations[id].state, state);
  }

  function join(id) {
    var c = conversations[id];
    socket.emit("conversation:join", { conversation_id: Number(id), last_seq: c ? c.lastSeq : 0 }, function (ack) {
      if (!ack || !ack.ok) return;
      track(ack.conversation);
      ack.messages.forEach(addMessage);
      renderMine();
      if (String(current) === String(id)) show(id);
    });
  }

  function accept(id) {
    socket.emit("conversation:accept", { conversation_id: id }, function (ack) {
      if (!ack || !ack.ok) { window.alert(ack ? ack.error : "?"); return; }
      track(ack.conversation);
      join(String(id));
      show(String(id));
    });
  }

  socket.on("queue:update", function (data) { renderQueue(data.waiting || []); });
  socket.on("conversation:offer", function () {
    if (document.hidden && window.Notification && Notification.permission === "granted") {
      new Notification(T.offered);
    }
  });
  socket.on("conversation:list", function (data) {
    (data.conversations || []).forEach(function (c) { track(c); join(String(c.id)); });
    renderMine();
  });
  socket.on("conversation:state", function (c) {
    if (!conversations[String(c.id)]) return;
    track(c);
    renderMine();
    if (String(current) === String(c.id)) show(current);
  });
  socket.on("message:new", addMessage);
  socket.on("typing", function (t) {
    if (String(t.conversation_id) === String(current)) $("typing").hidden = !t.typing;
  });

  function send(text) {
    if (!current || !text) return;
    var id = current;
    socket.timeout(10000).emit("message:send", { conversation_id: Number(id), client_id: uuid(), body: text }, function (err, ack) {
      if (err) { $("chat-error").textContent = T.offline; $("chat-error").hidden = false; return; }
      if (ack.ok) { $("chat-error").hidden = true; addMessage(ack.message); }
      else { $("chat-error").textContent = ack.error; $("chat-error").hidden = false; }
    });
  }

  $("send-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = $("body").value.trim();
    if (!text) return;
    send(text);
    $("body").value = "";
    if (typingTimer) {
      clearTimeout(typingTimer);
      typingTimer = null;
      socket.emit("typing", { conversation_id: Number(current), typing: false });
    }
  });
  $("body").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("send-form").requestSubmit(); }
  });
  var typingTimer = null;
  $("body").addEventListener("input", function () {
    if (!current) return;
    var id = Number(current);
    if (!typingTimer) socket.emit("typing", { conversation_id: id, typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { socket.emit("typing", { conversation_id: id, typing: false }); typingTimer = null; }, 2000);
  });

  $("close").addEventListener("click", function () {
    if (!current || !window.confirm(T.confirm_close)) return;
    socket.emit("conversation:close", { conversation_id: Number(current) }, function (ack) {
      if (ack && ack.ok) { track(ack.conversation); show(current); }
    });
  });
  $("requeue").addEventListener("click", function () {
    if (!current) return;
    var id = current;
    socket.emit("conversation:transfer", { conversation_id: Number(id) }, function (ack) {
      if (ack && ack.ok) {
        delete conversations[id];
        current = null;
        $("active").hidden = true;
        $("empty").hidden = false;
        renderMine();
      }
    });
  });

  var kbTimer = null;
  function kbSearch() {
    var q = $("kb-q").value.trim();
    var ul = $("kb-results");
    if (!q) { ul.innerHTML = ""; return; }
    var lang = current && conversations[current] ? conversations[current].state.lang : "";
    fetch("/api/kb/search?limit=8&q=" + encodeURIComponent(q) + (lang ? "&lang=" + lang : ""))
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) {
        ul.innerHTML = "";
        if (!data.results.length) {
          var none = document.createElement("li");
          none.textContent = T.nothing;
          ul.appendChild(none);
        }
        data.results.forEach(function (r) {
          var li = window.resultItem(r, { snippet: true, newTab: true });
          var b = document.createElement("button");
          b.className = "secondary small";
          b.textContent = T.send_link;
          b.addEventListener("click", function () {
            send(r.title + "\n" + window.location.origin + r.url);
          });
          li.appendChild(b);
          ul.appendChild(li);
        });
      });
  }
  $("kb-form").addEventListener("submit", function (ev) { ev.preventDefault(); kbSearch(); });
  $("kb-q").addEventListener("input", function () { clearTimeout(kbTimer); kbTimer = setTimeout(kbSearch, 300); });
})();
