// The live connection: hello with the last sequence, events applied in order, commands kept until acknowledged
// and resent (same cmdId) after a reconnect, backoff on drops. Listeners get state, status and other messages.

import { tokens, api } from '../../api.js';
import { initial, apply } from './state.js';

let counter = 0;

export class Sync {
  constructor(sessionId, role, classroom) {
    this.sessionId = Number(sessionId);
    this.role = role;
    this.classroom = classroom ?? null;
    this.state = initial();
    this.status = 'connecting'; // connecting | live | reconnecting | closed | refused
    this.pending = new Map();
    this.listeners = { state: [], status: [], message: [], error: [] };
    this.attempt = 0;
    this.stopped = false;
    this.prefix = `${role[0]}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }

  on(kind, fn) {
    this.listeners[kind].push(fn);
    return this;
  }

  emit(kind, value) {
    this.listeners[kind].forEach((fn) => fn(value));
  }

  setStatus(status) {
    this.status = status;
    this.emit('status', status);
  }

  start() {
    this.open();
    return this;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.ws) this.ws.close();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // ?session= is only a routing hint for a load balancer hashing a session's sockets onto one node
    const ws = new WebSocket(`${scheme}://${location.host}/ws/classroom?session=${this.sessionId}`);
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => {
      const hello = { type: 'hello', session: this.sessionId, token: tokens.access || '', role: this.role, lastSeq: this.state.seq };
      if (this.classroom != null) hello.classroom = Number(this.classroom);
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (m) => this.receive(JSON.parse(m.data));
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      if (this.stopped || this.status === 'refused') {
        if (this.status !== 'refused') this.setStatus('closed');
        return;
      }
      this.setStatus('reconnecting');
      // 1012: the node is draining (restart, scale-in): reconnect at once, spread over a second, and resume
      if (ev && ev.code === 1012) this.attempt = 0;
      const delay = ev && ev.code === 1012 ? 100 + Math.random() * 900
        : Math.min(8000, 300 * 2 ** this.attempt) * (0.7 + Math.random() * 0.6);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  receive(m) {
    switch (m.type) {
      case 'welcome':
        this.welcome(m);
        break;
      case 'ack':
        this.pending.delete(m.cmdId);
        break;
      case 'error':
        this.refused(m);
        break;
      case 'pointer':
      case 'tiles':
      case 'pong':
      case 'signal':
        this.emit('message', m);
        break;
      default:
        this.event(m);
    }
  }

  welcome(m) {
    this.attempt = 0;
    this.refreshed = false;
    this.me = m.you;
    this.media = m.media || { iceServers: [], sfu: 'none', sfuUrl: '' };
    if (m.snapshot) this.state = m.snapshot;
    else m.events.forEach((e) => (this.state = e.seq === this.state.seq + 1 ? apply(this.state, e) : this.state));
    this.welcomed = true;
    this.setStatus('live');
    this.emit('state', { state: this.state, event: null });
    this.pending.forEach((cmd) => this.ws.send(JSON.stringify(cmd)));
  }

  event(e) {
    if (e.seq !== this.state.seq + 1) {
      if (e.seq > this.state.seq + 1 && this.ws) this.ws.close(); // a gap: reconnect and replay
      return;
    }
    this.state = apply(this.state, e);
    this.emit('state', { state: this.state, event: e });
  }

  async refused(m) {
    if (m.code === 'token_invalid' && !this.refreshed) {
      this.refreshed = true;
      try {
        await api('/me'); // refreshes the access token
        return;
      } catch {
        /* falls through to refused */
      }
    }
    if (['forbidden', 'not_found', 'token_invalid', 'unauthorized'].includes(m.code) && !this.welcomed) {
      this.setStatus('refused');
    }
    if (m.cmdId) {
      if (m.code === 'rate_limited') {
        setTimeout(() => this.resend(m.cmdId), 300);
        return;
      }
      this.pending.delete(m.cmdId);
    }
    this.emit('error', m);
  }

  resend(cmdId) {
    const cmd = this.pending.get(cmdId);
    if (cmd && this.welcomed && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(cmd));
  }

  /** A reliable command; kept until acknowledged. */
  send(payload) {
    counter += 1;
    const cmd = { ...payload, session: this.sessionId, cmdId: `${this.prefix}-${counter}` };
    this.pending.set(cmd.cmdId, cmd);
    if (this.welcomed && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(cmd));
    return cmd.cmdId;
  }

  /** A WebRTC signaling message: sent now if connected (not kept; media renegotiates after a reconnect). */
  signal(message) {
    if (this.welcomed && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...message, session: this.sessionId }));
  }

  /** A volatile message (pointer, view): sent now or never. */
  volatile(payload) {
    if (this.welcomed && this.ws.readyState === WebSocket.OPEN && this.ws.bufferedAmount < 64 * 1024) {
      this.ws.send(JSON.stringify({ ...payload, session: this.sessionId }));
    }
  }
}
