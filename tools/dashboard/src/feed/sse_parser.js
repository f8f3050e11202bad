// The text/event-stream format (the HTML standard's "server-sent events"), parsed
// incrementally: push() takes decoded text as it arrives, in chunks cut anywhere, and calls
// onMessage({event, data, id}) for each complete message. Lines end in LF, CRLF or CR;
// comment lines (": keep-alive") are ignored; "retry:" is passed to onRetry. Pure: no I/O.

export class SseParser {
  constructor({ onMessage, onRetry } = {}) {
    this.onMessage = onMessage || (() => {});
    this.onRetry = onRetry || (() => {});
    this.buffer = '';
    this.skipLeadingLf = false;  // the previous chunk ended in CR: an LF first belongs to it
    this.reset();
  }

  // Forgets a half-received message (a new connection starts clean).
  reset() {
    this.buffer = '';
    this.skipLeadingLf = false;
    this.eventType = '';
    this.dataLines = [];
    this.id = null;
  }

  push(text) {
    let chunk = text;
    if (this.skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      let end;
      let next;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr;
        if (cr + 1 < this.buffer.length) {
          next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
        } else {
          next = cr + 1;
          this.skipLeadingLf = true;
        }
      } else {
        end = lf;
        next = lf + 1;
      }
      this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(text) {
    if (text === '') {
      this.dispatch();
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default:
        break;  // unknown fields are ignored, as the standard says
    }
  }

  dispatch() {
    const message = {
      event: this.eventType || 'message',
      data: this.dataLines.join('\n'),
      id: this.id,
    };
    const empty = this.dataLines.length === 0 && this.eventType === '' && this.id === null;
    this.eventType = '';
    this.dataLines = [];
    this.id = null;
    if (!empty) this.onMessage(message);
  }
}
