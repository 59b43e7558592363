// The client side of the coedit protocol (docs/protocols/coedit.md), the same algorithm as the Java
// OtClient used by the tests: server events applied strictly in revision order, one change in flight, later
// edits buffered, resync on reconnect (missing changes or a snapshot), unacknowledged work resent.
// Invariant: editor content = serverDoc ∘ pending ∘ buffer.

import { tokens, api } from '../../api.js';

const RETRY_MS = [500, 1000, 2000, 4000, 8000];

function newClientId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Connects a Quill editor to a document. callbacks: onState(state) with 'connecting' | 'connected' |
 * 'reconnecting' | 'offline', onJoined({access, user}), onPresence(msg), onLeave(clientId), onError(code, message),
 * onRemoteChange(delta).
 */
export class CoeditClient {
  constructor(quill, docId, callbacks) {
    this.Delta = window.Quill.import('delta');
    this.quill = quill;
    this.docId = docId;
    this.cb = callbacks;
    this.clientId = newClientId();
    this.serverDoc = new this.Delta();
    this.pending = null;
    this.pendingSeq = 0;
    this.buffer = null;
    this.nextSeq = 1;
    this.revision = -1;
    this.early = new Map();
    this.joined = false;
    this.closed = false;
    this.attempt = 0;
    this.presenceV = 0;
    this.ws = null;
    this.onTextChange = (delta, old, source) => {
      if (source === 'user') this.edit(delta);
    };
    quill.on('text-change', this.onTextChange);
    this.connect();
  }

  get state() {
    return this._state;
  }

  setState(s) {
    this._state = s;
    this.cb.onState?.(s);
  }

  connect() {
    if (this.closed) return;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    // ?doc= is only a routing hint for a load balancer hashing a plan's editors onto one node (docs/operations.md)
    const ws = new WebSocket(`${proto}://${location.host}/ws/coedit?doc=${encodeURIComponent(this.docId)}`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: tokens.access }));
    ws.onmessage = (ev) => this.receive(JSON.parse(ev.data));
    ws.onclose = (ev) => this.lost(ev.code);
  }

  lost(code) {
    this.joined = false;
    this.ws = null;
    if (this.closed) return;
    this.setState('offline');
    if (code === 1008 && this.fatal) return;
    const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    this.attempt++;
    // 4001: access changed; 1012: the node is shutting down, rejoin (another node) at once with a little jitter
    setTimeout(() => this.connect(), code === 4001 ? 50 : code === 1012 ? 100 + Math.random() * 400 : delay);
  }

  /** Simulates a network drop (tests and the "offline" toggle): closes the socket, reconnects later. */
  drop() {
    this.ws?.close();
  }

  close() {
    this.closed = true;
    this.quill.off('text-change', this.onTextChange);
    this.ws?.close();
  }

  send(msg) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  edit(change) {
    if (!this.pending) {
      this.pending = change;
      this.pendingSeq = this.nextSeq++;
      if (this.joined) this.sendPending();
    } else {
      this.buffer = this.buffer ? this.buffer.compose(change) : change;
    }
  }

  unsent() {
    return !!(this.pending || this.buffer);
  }

  sendPending() {
    this.send({ type: 'submit', seq: this.pendingSeq, baseRevision: this.revision, delta: { ops: this.pending.ops } });
  }

  sendPresence(range) {
    if (!this.joined) return;
    this.send({ type: 'presence', v: ++this.presenceV, revision: this.revision, range: range ? { index: range.index, length: range.length } : null });
  }

  async receive(msg) {
    switch (msg.type) {
      case 'ready':
        this.me = msg.user;
        this.send({ type: 'join', docId: this.docId, clientId: this.clientId, revision: this.revision < 0 ? null : this.revision });
        break;
      case 'joined':
        this.attempt = 0;
        this.onJoined(msg);
        break;
      case 'change':
        if (msg.revision > this.revision) {
          this.early.set(msg.revision, msg);
          this.drain();
        }
        break;
      case 'changes':
        for (const c of msg.changes) if (c.revision > this.revision) this.early.set(c.revision, c);
        this.drain();
        break;
      case 'ack':
        if (this.pending && msg.seq === this.pendingSeq && msg.revision > this.revision) {
          this.early.set(msg.revision, { type: 'ack', seq: msg.seq });
          this.drain();
        }
        break;
      case 'presence':
        this.cb.onPresence?.(msg);
        break;
      case 'leave':
        this.cb.onLeave?.(msg.clientId);
        break;
      case 'error':
        await this.onError(msg);
        break;
      default:
    }
  }

  async onError(msg) {
    if (msg.code === 'unauthorized') {
      try {
        await api('/me');
      } catch {
        this.fatal = true;
      }
    } else if (msg.code === 'not_found') {
      this.fatal = true;
    } else if (msg.code === 'invalid_change' || msg.code === 'read_only' || msg.code === 'revision_from_future') {
      // the change cannot be applied: drop local work and take the server's document
      this.pending = null;
      this.buffer = null;
      this.revision = -1;
      this.drop();
    } else if (msg.code === 'base_too_old' || msg.code.startsWith('storage') || msg.code === 'unavailable') {
      this.drop();
    }
    this.cb.onError?.(msg.code, msg.message);
  }

  onJoined(msg) {
    this.early.clear();
    const Delta = this.Delta;
    if (msg.mode === 'snapshot') {
      const fresh = new Delta(msg.content.ops);
      const committed = this.pending && this.pendingSeq <= msg.lastSeq;
      let local = new Delta();
      if (this.pending && !committed) local = this.pending;
      if (this.buffer) local = local.compose(this.buffer);
      const known = committed ? this.serverDoc.compose(this.pending) : this.serverDoc;
      const rebased = this.revision < 0 ? new Delta() : known.diff(fresh).transform(local, true);
      this.serverDoc = fresh;
      this.revision = msg.revision;
      this.pending = null;
      this.buffer = null;
      this.quill.setContents(fresh.compose(rebased), 'api');
      this.joined = true;
      if (rebased.ops.length) {
        this.pending = rebased;
        this.pendingSeq = this.nextSeq++;
        this.sendPending();
      }
    } else {
      for (const c of msg.changes) if (c.revision > this.revision) this.early.set(c.revision, c);
      this.joined = true;
      this.drain();
      if (this.pending && this.early.size === 0) this.sendPending();
    }
    this.setState('connected');
    this.cb.onJoined?.({ access: msg.access, user: this.me, presences: msg.presences || [] });
  }

  drain() {
    let e;
    while ((e = this.early.get(this.revision + 1))) {
      this.early.delete(this.revision + 1);
      const own = e.type === 'ack' || (e.clientId === this.clientId && this.pending && e.seq === this.pendingSeq);
      if (own) {
        this.serverDoc = this.serverDoc.compose(this.pending);
        this.revision++;
        this.pending = null;
        if (this.buffer) {
          this.pending = this.buffer;
          this.pendingSeq = this.nextSeq++;
          this.buffer = null;
          if (this.joined) this.sendPending();
        }
      } else if (e.clientId === this.clientId) {
        this.revision++;
        this.serverDoc = this.serverDoc.compose(new this.Delta(e.delta.ops));
      } else {
        this.applyRemote(new this.Delta(e.delta.ops));
      }
    }
    for (const r of [...this.early.keys()]) if (r <= this.revision) this.early.delete(r);
  }

  applyRemote(c) {
    this.serverDoc = this.serverDoc.compose(c);
    this.revision++;
    let remote = c;
    if (this.pending) {
      const p2 = remote.transform(this.pending, true);
      remote = this.pending.transform(remote, false);
      this.pending = p2;
    }
    if (this.buffer) {
      const b2 = remote.transform(this.buffer, true);
      remote = this.buffer.transform(remote, false);
      this.buffer = b2;
    }
    this.quill.updateContents(remote, 'api');
    this.cb.onRemoteChange?.(remote);
  }
}
