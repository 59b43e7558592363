// The session state reducer, the same as ClassroomState.java: apply(state, event) → next state.
// State has the snapshot form the server sends (ClassroomState.toJson), so a snapshot is a state.

export function initial() {
  return {
    seq: 0, page: 0, freeBrowse: false, pullBacks: 0, strokes: {}, quizzes: [], hands: [], speaking: 0,
    chat: [], chatMuted: false, attendance: {}, connected: {}, timerEndsAt: 0, ended: false,
  };
}

// A classroom's counts = the counts its assistant entered (students without a device) + its devices' votes.
function perClassroom(quiz) {
  const per = {};
  const row = (c) => (per[c] = per[c] || new Array(quiz.spec.options).fill(0));
  Object.entries(quiz.answers).forEach(([c, counts]) => counts.forEach((n, i) => i < quiz.spec.options && (row(c)[i] += n)));
  Object.entries(quiz.votes || {}).forEach(([c, seats]) => Object.values(seats).forEach((choice) => choice.forEach((i) => i < quiz.spec.options && (row(c)[i] += 1))));
  return per;
}

function totals(quiz) {
  const sum = new Array(quiz.spec.options).fill(0);
  Object.values(quiz.perClassroom).forEach((counts) => counts.forEach((n, i) => i < sum.length && (sum[i] += n)));
  return sum;
}

function withQuiz(s, id, change) {
  s.quizzes = s.quizzes.map((q) => {
    if (q.spec.id !== id) return q;
    const next = change({ ...q, answers: { ...q.answers }, votes: { ...(q.votes || {}) } });
    next.perClassroom = perClassroom(next);
    next.totals = totals(next);
    return next;
  });
}

export function openQuiz(s) {
  const last = s.quizzes[s.quizzes.length - 1];
  return last && !last.revealed ? last : null;
}

/** The next state (a shallow copy; unchanged parts are shared). */
export function apply(state, e) {
  const s = { ...state, seq: e.seq };
  const from = e.fromClassroom;
  switch (e.type) {
    case 'page':
      s.page = e.page;
      break;
    case 'stroke': {
      const stroke = { id: e.id, page: e.page, tool: e.tool, color: e.color, width: e.width, points: e.points };
      s.strokes = { ...s.strokes, [e.page]: [...(s.strokes[e.page] || []), stroke] };
      break;
    }
    case 'clear': {
      s.strokes = { ...s.strokes };
      delete s.strokes[e.page];
      break;
    }
    case 'quiz.launch': {
      const spec = { id: e.id, kind: e.kind, question: e.question, options: e.options, correct: e.correct };
      s.quizzes = [...s.quizzes, { spec, revealed: false, answers: {}, votes: {}, perClassroom: {}, totals: new Array(e.options).fill(0) }];
      break;
    }
    case 'quiz.answer':
      withQuiz(s, e.quizId, (q) => ((q.answers[from] = e.counts), q));
      break;
    case 'quiz.vote':
      withQuiz(s, e.quizId, (q) => (q.revealed ? q : ((q.votes[from] = { ...(q.votes[from] || {}), [e.seat]: e.choice }), q)));
      break;
    case 'quiz.reveal':
      withQuiz(s, e.quizId, (q) => ((q.revealed = true), q));
      break;
    case 'hand.raise':
      if (!s.hands.includes(from)) s.hands = [...s.hands, from];
      break;
    case 'hand.lower': {
      const who = e.classroom === 0 ? from : e.classroom;
      s.hands = s.hands.filter((c) => c !== who);
      if (s.speaking === who) s.speaking = 0;
      break;
    }
    case 'hand.grant':
      s.hands = s.hands.filter((c) => c !== e.classroom);
      s.speaking = e.classroom;
      break;
    case 'chat':
      s.chat = [...s.chat, { seq: e.seq, actor: e.actor, classroom: from ?? null, text: e.text, at: e.at }];
      break;
    case 'mute':
      s.chatMuted = e.muted;
      break;
    case 'attendance':
      s.attendance = { ...s.attendance, [from]: e.present };
      break;
    case 'timer':
      s.timerEndsAt = e.seconds === 0 ? 0 : e.at + e.seconds * 1000;
      break;
    case 'browse':
      s.freeBrowse = e.free;
      break;
    case 'pullback':
      s.freeBrowse = false;
      s.pullBacks += 1;
      break;
    case 'presence.batch': {
      const connected = { ...s.connected };
      for (const r of e.rooms) {
        const n = Math.max(0, (connected[r.classroom] || 0) + r.joined - r.left);
        if (n === 0) delete connected[r.classroom];
        else connected[r.classroom] = n;
      }
      s.connected = connected;
      break;
    }
    case 'presence': {
      const connected = { ...s.connected };
      if (e.delta === 0) {
        s.connected = {};
        break;
      }
      const n = Math.max(0, (connected[e.classroom] || 0) + e.delta);
      if (n === 0) delete connected[e.classroom];
      else connected[e.classroom] = n;
      s.connected = connected;
      break;
    }
    case 'end':
      s.ended = true;
      break;
    default:
      break;
  }
  return s;
}
