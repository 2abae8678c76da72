// The citizen's chat: live messages, survives reloads and network drops.
(function () {
  "use strict";
  var KEY = "helpdesk.conversation";
  var OUTBOX = "helpdesk.outbox";
  var T = window.I18N;
  // a saved link (#c=<id>.<token>) opens the conversation on another device
  var fromLink = /^#c=(\d+)\.([\w-]+)$/.exec(window.location.hash);
  if (fromLink) {
    localStorage.setItem(KEY, JSON.stringify({ id: Number(fromLink[1]), token: fromLink[2] }));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  var stored = JSON.parse(localStorage.getItem(KEY) || "null");
  var list = document.getElementById("messages");
  var status = document.getElementById("status");
  var form = document.getElementById("send-form");
  var body = document.getElementById("body");
  var errorBox = document.getElementById("chat-error");
  var typingBox = document.getElementById("typing");
  var lastSeq = 0;
  var bySeq = {};
  var state = null;

  if (!stored) {
    document.getElementById("no-conversation").hidden = false;
    form.hidden = true;
    status.hidden = true;
    document.getElementById("close-button").hidden = true;
    return;
  }

  function outbox() { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); }
  function saveOutbox(items) { localStorage.setItem(OUTBOX, JSON.stringify(items)); }

  function showError(text) {
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  function who(m) {
    if (m.author.role === "citizen") return T.you;
    if (m.author.role === "system") return T.system;
    return m.author.name || T.volunteer;
  }

  function addMessage(m) {
    if (bySeq[m.seq]) return;
    bySeq[m.seq] = true;
    var pending = document.querySelector('[data-client-id="' + CSS.escape(m.client_id) + '"]');
    if (pending) pending.remove();
    var li = document.createElement("li");
    li.className = "msg " + m.author.role;
    li.dataset.seq = m.seq;
    var name = document.createElement("span");
    name.className = "who";
    name.textContent = who(m);
    var text = document.createElement("p");
    window.fillText(text, m.body);
    li.appendChild(name);
    li.appendChild(text);
    // keep seq order even when a replay and a live message cross
    var after = null;
    Array.prototype.forEach.call(list.children, function (el) {
      if (el.dataset.seq && Number(el.dataset.seq) > m.seq && !after) after = el;
    });
    list.insertBefore(li, after || list.querySelector(".pending"));
    lastSeq = Math.max(lastSeq, m.seq);
    li.scrollIntoView({ block: "end" });
  }

  function addPending(item) {
    var li = document.createElement("li");
    li.className = "msg citizen pending";
    li.dataset.clientId = item.client_id;
    var text = document.createElement("p");
    text.textContent = item.body;
    var note = document.createElement("span");
    note.className = "who";
    note.textContent = T.sending;
    li.appendChild(note);
    li.appendChild(text);
    list.appendChild(li);
  }

  function showState(c) {
    state = c;
    if (c.status === "queued") {
      status.textContent = T.queued.replace("{n}", c.queue_position || "…");
    } else if (c.status === "active") {
      status.textContent = T.active.replace("{name}", (c.volunteer && c.volunteer.name) || T.volunteer);
    } else {
      status.textContent = T.closed;
      form.hidden = true;
      document.getElementById("close-button").hidden = true;
      document.getElementById("rate-form").hidden = c.rating != null;
    }
    status.className = "status " + c.status;
  }

  var socket = io({
    auth: function (cb) { cb({ token: stored.token, last_seq: lastSeq }); },
    transports: ["websocket", "polling"],
  });

  function flush() {
    outbox().forEach(function (item) {
      socket.timeout(10000).emit("message:send", item, function (err, ack) {
        if (err) return; // stays in the outbox; resent with the same client_id
        if (ack && ack.ok) {
          saveOutbox(outbox().filter(function (o) { return o.client_id !== item.client_id; }));
          addMessage(ack.message);
        } else if (ack) {
          saveOutbox(outbox().filter(function (o) { return o.client_id !== item.client_id; }));
          var el = document.querySelector('[data-client-id="' + CSS.escape(item.client_id) + '"]');
          if (el) el.remove();
          showError(ack.error);
        }
      });
    });
  }

  socket.on("connect", function () { showError(""); if (state) showState(state); flush(); });
  socket.on("disconnect", function () { status.textContent = T.offline; });
  socket.on("connect_error", function (err) {
    if (err && err.message && !socket.active) {
      // the token is no longer valid: this conversation is gone
      localStorage.removeItem(KEY);
      document.getElementById("no-conversation").hidden = false;
      form.hidden = true;
    } else {
      status.textContent = T.offline;
    }
  });
  socket.on("message:new", addMessage);
  socket.on("conversation:state", showState);
  socket.on("typing", function (t) { typingBox.hidden = !t.typing; });

  // a reload starts from the stored history, then the socket replays what is newer
  fetch("/api/conversations/" + stored.id, { headers: { Authorization: "Bearer " + stored.token } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (c) {
      if (!c) return;
      c.messages.forEach(addMessage);
      showState(c);
    });
  outbox().forEach(addPending);
  var keep = document.getElementById("keep-link");
  keep.value = window.location.origin + "/chat#c=" + stored.id + "." + stored.token;
  document.getElementById("keep").hidden = false;

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = body.value.trim();
    if (!text) return;
    var item = { client_id: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(), body: text };
    saveOutbox(outbox().concat([item]));
    addPending(item);
    body.value = "";
    if (typingTimer) {
      clearTimeout(typingTimer);
      typingTimer = null;
      if (socket.connected) socket.emit("typing", { typing: false });
    }
    if (socket.connected) flush();
  });

  var typingTimer = null;
  body.addEventListener("input", function () {
    if (!socket.connected) return;
    if (!typingTimer) socket.emit("typing", { typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { socket.emit("typing", { typing: false }); typingTimer = null; }, 2000);
  });
  body.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });

  document.getElementById("close-button").addEventListener("click", function () {
    if (!window.confirm(T.confirm_close)) return;
    socket.emit("conversation:close", {}, function (ack) {
      if (ack && ack.ok) showState(ack.conversation); else if (ack) showError(ack.error);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#rate-form [data-score]"), function (b) {
    b.addEventListener("click", function () {
      socket.emit("conversation:rate", { score: Number(b.dataset.score) }, function (ack) {
        if (ack && ack.ok) {
          document.getElementById("rate-thanks").hidden = false;
          document.querySelector("#rate-form .stars").hidden = true;
        }
      });
    });
  });
})();
