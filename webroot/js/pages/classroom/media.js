// Audio and video, peer to peer over the session's signaling relay (docs/classroom.md, "Audio and video").
//
// Every classroom device opens its own RTCPeerConnection to the master and makes the offer (receive video and
// audio; send its microphone while the room holds "speak"); the master answers with its camera and microphone.
// Each connection has an id (`pc`) chosen by the device, carried in every signal's data, so several devices of
// one classroom never mix. The master asks classrooms to (re)offer with a `bye` carrying {renegotiate: true}
// when it joins, turns its camera on or off, or a classroom arrives. ICE servers come from the welcome.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

const config = (sync) => ({ iceServers: sync.media?.iceServers ?? [] });

function signal(sync, to, kind, data) {
  sync.signal({ type: 'signal', to, kind, data });
}

function describe(error) {
  const name = error?.name || '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('cls.av.noDevice');
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('cls.av.denied');
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') return t('cls.av.unsupported');
  return t('cls.av.failed');
}

/** Camera and microphone, falling back to whichever one exists. */
async function capture(wantVideo) {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('unsupported'), { name: 'NotSupportedError' });
  const attempts = wantVideo ? [{ video: true, audio: true }, { video: true, audio: false }, { video: false, audio: true }] : [{ audio: true, video: false }];
  let last;
  for (const c of attempts) {
    try {
      return await navigator.mediaDevices.getUserMedia(c);
    } catch (e) {
      last = e;
      if (e?.name === 'NotAllowedError') break;
    }
  }
  throw last;
}

function stateLabel(testid) {
  return h('span', { class: 'cls-av-state', dataset: { testid } });
}

function setState(label, state, text) {
  label.dataset.state = state;
  label.textContent = text ?? t(`cls.av.${state}`);
}

/** The master's panel: local preview, camera on/off, a sound element per speaking classroom. */
export function masterMedia(sync, session, ctx) {
  const preview = h('video', { class: 'cls-video', autoplay: true, playsinline: true, dataset: { testid: 'cls-local-video' } });
  preview.muted = true;
  const label = stateLabel('cls-av-state');
  const peers = new Map(); // `${from}:${pc}` -> RTCPeerConnection
  const sounds = h('div', { class: 'cls-av-sounds' });
  let stream = null;
  const button = h('button', { class: 'btn btn-small', dataset: { testid: 'cls-camera' }, onClick: () => (stream ? stop() : start()) }, t('cls.av.start'));
  setState(label, 'off');

  const askOffers = () => {
    const rooms = Object.entries(sync.state.connected || {}).filter(([, n]) => n > 0).map(([id]) => Number(id));
    rooms.forEach((id) => signal(sync, id, 'bye', { renegotiate: true }));
  };
  const updateLabel = () => {
    if (!stream) return setState(label, 'off');
    const connected = [...peers.values()].filter((p) => p.connectionState === 'connected').length;
    return connected > 0 ? setState(label, 'live', t('cls.av.liveTo', { n: connected })) : setState(label, 'connecting');
  };
  async function start() {
    button.disabled = true;
    setState(label, 'starting');
    try {
      stream = await capture(true);
      preview.srcObject = stream;
      button.textContent = t('cls.av.stop');
      updateLabel();
      askOffers();
    } catch (e) {
      stream = null;
      setState(label, 'error', describe(e));
    } finally {
      button.disabled = false;
    }
  }
  function stop() {
    stream?.getTracks().forEach((tr) => tr.stop());
    stream = null;
    preview.srcObject = null;
    button.textContent = t('cls.av.start');
    updateLabel();
    askOffers();
  }
  const close = (key) => {
    const p = peers.get(key);
    if (p) p.close();
    peers.delete(key);
    document.getElementById(`cls-sound-${key.replace(':', '-')}`)?.remove();
  };
  async function onOffer(m) {
    const key = `${m.from}:${m.data.pc}`;
    close(key);
    const pc = new RTCPeerConnection(config(sync));
    peers.set(key, pc);
    pc.onicecandidate = (ev) => ev.candidate && signal(sync, m.from, 'ice', { pc: m.data.pc, candidate: ev.candidate.toJSON() });
    pc.onconnectionstatechange = () => {
      if (['failed', 'closed'].includes(pc.connectionState) && peers.get(key) === pc) close(key);
      updateLabel();
    };
    pc.ontrack = (ev) => {
      const id = `cls-sound-${m.from}-${m.data.pc}`;
      let el = document.getElementById(id);
      if (!el) {
        el = h('audio', { id, autoplay: true, dataset: { testid: 'cls-classroom-audio', classroom: String(m.fromClassroom ?? '') } });
        sounds.append(el);
      }
      el.srcObject = ev.streams[0] || new MediaStream([ev.track]);
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: m.data.sdp });
      if (stream) stream.getTracks().forEach((tr) => pc.addTrack(tr, stream));
      await pc.setLocalDescription(await pc.createAnswer());
      signal(sync, m.from, 'answer', { pc: m.data.pc, sdp: pc.localDescription.sdp });
    } catch {
      close(key);
    }
  }
  sync.on('message', (m) => {
    if (m.type !== 'signal' || !m.data?.pc) return;
    if (m.kind === 'offer') onOffer(m);
    else if (m.kind === 'ice') peers.get(`${m.from}:${m.data.pc}`)?.addIceCandidate(m.data.candidate).catch(() => {});
    else if (m.kind === 'bye') close(`${m.from}:${m.data.pc}`);
  });
  let known = '';
  sync.on('state', ({ state, event }) => {
    const now = JSON.stringify(state.connected || {});
    if (event === null || (event?.type.startsWith('presence') && now !== known)) askOffers();
    known = now;
  });
  ctx.onCleanup(() => {
    [...peers.keys()].forEach(close);
    stream?.getTracks().forEach((tr) => tr.stop());
  });
  return h('section', { class: 'cls-panel cls-av', dataset: { testid: 'cls-av' } }, h('h3', null, t('cls.av.title')), h('div', { class: 'cls-row' }, button, label), preview, sounds);
}

/** A classroom's panel: the master's video, sound on, and its microphone while it holds "speak". */
export function classroomMedia(sync, session, ctx) {
  const video = h('video', { class: 'cls-video', autoplay: true, playsinline: true, dataset: { testid: 'cls-remote-video' } });
  video.muted = true; // browsers refuse unmuted autoplay until someone touches the page
  const label = stateLabel('cls-av-state');
  const sound = h('button', { class: 'btn btn-small', dataset: { testid: 'cls-sound' }, onClick: () => { video.muted = !video.muted; sound.textContent = video.muted ? t('cls.av.soundOn') : t('cls.av.soundOff'); video.play().catch(() => {}); } }, t('cls.av.soundOn'));
  const mic = stateLabel('cls-mic-state');
  mic.hidden = true;
  let pc = null;
  let pcId = '';
  let micStream = null;
  let speaking = false;
  setState(label, 'waiting');

  const hangUp = () => {
    if (pc) {
      pc.close();
      if (session.masterId) signal(sync, session.masterId, 'bye', { pc: pcId });
    }
    pc = null;
  };
  async function offer() {
    hangUp();
    if (sync.status !== 'live') return;
    pcId = Math.random().toString(36).slice(2, 10);
    const mine = new RTCPeerConnection(config(sync));
    pc = mine;
    mine.addTransceiver('video', { direction: 'recvonly' });
    if (speaking && micStream) mine.addTrack(micStream.getAudioTracks()[0], micStream);
    else mine.addTransceiver('audio', { direction: 'recvonly' });
    mine.onicecandidate = (ev) => ev.candidate && signal(sync, session.masterId, 'ice', { pc: pcId, candidate: ev.candidate.toJSON() });
    mine.ontrack = (ev) => {
      video.srcObject = ev.streams[0] || new MediaStream([ev.track]);
      video.play().catch(() => {});
    };
    mine.onconnectionstatechange = () => {
      if (pc !== mine) return;
      if (mine.connectionState === 'connected') setState(label, video.srcObject ? 'live' : 'waiting');
      else if (mine.connectionState === 'connecting' || mine.connectionState === 'new') setState(label, 'connecting');
      else if (mine.connectionState === 'failed') setState(label, 'error', t('cls.av.failed'));
    };
    setState(label, 'connecting');
    try {
      await mine.setLocalDescription(await mine.createOffer());
      if (pc === mine) signal(sync, session.masterId, 'offer', { pc: pcId, sdp: mine.localDescription.sdp });
    } catch {
      setState(label, 'error', t('cls.av.unsupported'));
    }
  }
  video.addEventListener('playing', () => setState(label, 'live'));
  video.addEventListener('emptied', () => setState(label, pc ? 'waiting' : 'off'));
  async function speak(on) {
    if (on === speaking) return;
    speaking = on;
    mic.hidden = !on;
    if (on) {
      setState(mic, 'micStarting');
      try {
        micStream = await capture(false);
        setState(mic, 'micLive');
      } catch (e) {
        micStream = null;
        setState(mic, 'error', describe(e));
      }
    } else {
      micStream?.getTracks().forEach((tr) => tr.stop());
      micStream = null;
    }
    offer();
  }
  sync.on('message', (m) => {
    if (m.type !== 'signal' || m.fromRole !== 'master') return;
    if (m.kind === 'bye' && m.data?.renegotiate) {
      video.srcObject = null;
      offer();
    } else if (m.data?.pc === pcId && pc) {
      if (m.kind === 'answer') {
        pc.setRemoteDescription({ type: 'answer', sdp: m.data.sdp }).then(() => setState(label, pc.getReceivers().some((r) => r.track && r.track.readyState === 'live') && video.srcObject ? 'live' : 'waiting')).catch(() => setState(label, 'error', t('cls.av.failed')));
      } else if (m.kind === 'ice') pc.addIceCandidate(m.data.candidate).catch(() => {});
      else if (m.kind === 'bye') hangUp();
    }
  });
  sync.on('status', (s) => {
    if (s === 'live') offer();
    else if (s !== 'live' && pc) {
      pc.close();
      pc = null;
      setState(label, 'off');
    }
  });
  sync.on('state', ({ state }) => speak(state.speaking === Number(sync.classroom)));
  sync.on('error', (m) => m.code === 'no_such_peer' && setState(label, 'waiting'));
  ctx.onCleanup(() => {
    hangUp();
    micStream?.getTracks().forEach((tr) => tr.stop());
  });
  if (typeof RTCPeerConnection === 'undefined') setState(label, 'error', t('cls.av.unsupported'));
  return h('section', { class: 'cls-panel cls-av', dataset: { testid: 'cls-av' } }, h('h3', null, t('cls.av.master')), video, h('div', { class: 'cls-row' }, label, sound, mic));
}
