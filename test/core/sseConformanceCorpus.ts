/**
 * WHATWG event-stream interpretation cases (html.spec.whatwg.org "Parsing an event stream"),
 * following the web-platform-tests `eventsource/format-*` and `event-stream` families plus the
 * classes tidings needs for resume (the last event id and therefore the cursor).
 * `events`: what is dispatched, as [type, data, lastEventId]; `cursor`: the channel's resume
 * position once the stream ended (undefined: none, nothing is sent on reconnect).
 */
export interface ConformanceCase {
  name: string;
  stream: string;
  events: Array<[type: string, data: string, lastEventId: string]>;
  cursor?: string;
  /** Event types the channel listens to. @default every type in `events`, plus 'message' */
  listen?: string[];
}

const m = (data: string, lastEventId = ''): [string, string, string] => [
  'message',
  data,
  lastEventId,
];

export const conformanceCases: ConformanceCase[] = [
  // Line ends: LF, CR, CRLF, and mixes.
  { name: 'LF line ends', stream: 'data: a\n\ndata: b\n\n', events: [m('a'), m('b')] },
  { name: 'CR line ends', stream: 'data: a\r\rdata: b\r\r', events: [m('a'), m('b')] },
  { name: 'CRLF line ends', stream: 'data: a\r\n\r\ndata: b\r\n\r\n', events: [m('a'), m('b')] },
  {
    name: 'LF, CR and CRLF mixed in one stream',
    stream: 'data: a\n\ndata: b\r\rdata: c\r\n\r\ndata: d\n\r\n',
    events: [m('a'), m('b'), m('c'), m('d')],
  },
  {
    name: 'LF then CR is two line ends',
    stream: 'data: a\n\rdata: b\n\n',
    events: [m('a'), m('b')],
  },
  { name: 'CRLF line then LF blank line', stream: 'data: a\r\n\n', events: [m('a')] },
  { name: 'LF line then CRLF blank line', stream: 'data: a\n\r\n', events: [m('a')] },
  {
    name: 'CR CR CRLF: two blank lines',
    stream: 'data: a\r\r\r\ndata: b\r\r',
    events: [m('a'), m('b')],
  },
  {
    name: 'an event ending in a lone CR is dispatched at the end of the stream',
    stream: 'data: a\r\r',
    events: [m('a')],
  },
  {
    name: 'WPT format-newlines: CRLF lines and a final lone CR',
    stream: 'data:test\r\ndata\ndata:test\r\n\r',
    events: [m('test\n\ntest')],
  },
  { name: 'CR inside a line ends it', stream: 'data: a\rdata: b\n\n', events: [m('a\nb')] },

  // Byte order mark and encoding.
  { name: 'one leading BOM is dropped', stream: '\uFEFFdata: a\n\n', events: [m('a')] },
  {
    name: 'WPT format-bom-2: a second BOM is part of the first field name',
    stream: '\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3\n\n',
    events: [m('2'), m('3')],
  },
  { name: 'a BOM later in the data is kept', stream: 'data: \uFEFFa\n\n', events: [m('\uFEFFa')] },
  {
    name: 'text "ï»¿" at the start is not a BOM (a field name)',
    stream: 'ï»¿data: a\n\ndata: b\n\n',
    events: [m('b')],
  },
  { name: 'a stream of only a BOM dispatches nothing', stream: '\uFEFF', events: [] },
  {
    name: 'WPT format-utf-8: multi-byte characters survive any split',
    stream: 'data:ok…\n\ndata: héllo ✓ 😀\n\n',
    events: [m('ok…'), m('héllo ✓ 😀')],
  },

  // Comments.
  { name: 'comments are ignored', stream: ': hi\n:\n:: x\ndata: a\n: mid\n\n', events: [m('a')] },
  { name: 'a block of comments dispatches nothing', stream: ': ping\n\n: ping\n\n', events: [] },
  {
    name: 'WPT format-comments: comments between data lines',
    stream: `data:1\r:\0\n:\r\ndata:2\n:${'x'.repeat(40)}\rdata:3\n:data:fail\r:\ndata:4\n\n`,
    events: [m('1\n2\n3\n4')],
  },

  // Field parsing.
  { name: 'one space after the colon is stripped', stream: 'data: a\n\n', events: [m('a')] },
  { name: 'no space after the colon', stream: 'data:a\n\n', events: [m('a')] },
  { name: 'only the first space is stripped', stream: 'data:  a\n\n', events: [m(' a')] },
  { name: 'a tab after the colon is kept', stream: 'data:\ta\n\n', events: [m('\ta')] },
  { name: 'trailing spaces are kept', stream: 'data: a  \n\n', events: [m('a  ')] },
  { name: 'a colon in the value is kept', stream: 'data: a:b: c\n\n', events: [m('a:b: c')] },
  {
    name: 'field names are case-sensitive',
    stream: 'Data: a\nDATA: b\ndata: c\n\n',
    events: [m('c')],
  },
  {
    name: 'a space before the colon makes another field',
    stream: 'data : a\ndata: b\n\n',
    events: [m('b')],
  },
  {
    name: 'WPT format-field-unknown: unknown fields and text lines are ignored',
    stream: 'data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n',
    events: [m('test\n\ntest')],
  },
  {
    name: 'WPT format-field-parsing',
    stream:
      'data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n\n',
    events: [m('\0\n 2\n1\n3\n\n4')],
  },
  {
    name: 'WPT format-leading-space',
    stream: 'data:\ttest\rdata: \ndata:test\n\n',
    events: [m('\ttest\n\ntest')],
  },
  { name: 'WPT format-null-character', stream: 'data:\0\n\n\n\n', events: [m('\0')] },

  // data.
  {
    name: 'data lines join with LF',
    stream: 'data: a\ndata: b\ndata: c\n\n',
    events: [m('a\nb\nc')],
  },
  {
    name: 'a field "data" without a colon is an empty line of data',
    stream: 'data\n\n',
    events: [m('')],
  },
  {
    name: 'WPT format-field-data: empty data lines',
    stream: 'data:\n\ndata\ndata\n\ndata:test\n\n',
    events: [m(''), m('\n'), m('test')],
  },
  {
    name: 'a block without data dispatches nothing',
    stream: 'event: x\n\n\n\ndata: a\n\n',
    events: [m('a')],
  },
  {
    name: 'WPT format-data-before-final-empty-line: an unfinished block is discarded',
    stream: 'retry:1000\ndata:test1\n\nid:test\ndata:test',
    events: [m('test1')],
  },
  {
    name: 'a last line without its end is discarded',
    stream: 'data: a\n\ndata: b',
    events: [m('a')],
  },
  {
    name: 'a block without its blank line is discarded',
    stream: 'data: a\n\ndata: b\n',
    events: [m('a')],
  },
  {
    name: 'a lone CR after the last data line is not a blank line',
    stream: 'data: a\r',
    events: [],
  },
  { name: 'blank lines before the first event', stream: '\n\n\r\n\rdata: a\n\n', events: [m('a')] },
  { name: 'an empty stream', stream: '', events: [] },

  // event type.
  {
    name: 'the event type names the event, then resets to message',
    stream: 'event: ping\ndata: a\n\ndata: b\n\n',
    events: [['ping', 'a', ''], m('b')],
  },
  {
    name: 'the type of a block without data does not leak into the next block',
    stream: 'event: ping\n\ndata: a\n\n',
    events: [m('a')],
  },
  { name: 'an empty event type is message', stream: 'event:\ndata: a\n\n', events: [m('a')] },
  {
    name: 'WPT format-field-event-empty: "event: " is message',
    stream: 'event: \ndata: a\n\n',
    events: [m('a')],
  },
  {
    name: 'a field "event" without a colon is message',
    stream: 'event\ndata: a\n\n',
    events: [m('a')],
  },
  {
    name: 'the last event field of a block wins',
    stream: 'event: a\nevent: b\ndata: x\n\n',
    events: [['b', 'x', '']],
  },
  {
    name: 'an event type with a colon and spaces',
    stream: 'event: a:b c\ndata: x\n\n',
    events: [['a:b c', 'x', '']],
  },
  {
    name: 'fields in any order within the block',
    stream: 'data: x\nid: k1\nevent: e\n\n',
    events: [['e', 'x', 'k1']],
    cursor: 'k1',
  },
  {
    name: 'types not listened to are not delivered',
    stream: 'event: other\ndata: x\n\ndata: y\n\n',
    events: [m('y')],
    listen: ['message'],
  },

  // id: the last event id, and so the cursor.
  {
    name: 'the last event id persists across events',
    stream: 'id: k1\ndata: a\n\ndata: b\n\n',
    events: [m('a', 'k1'), m('b', 'k1')],
    cursor: 'k1',
  },
  {
    name: 'an id-only block sets the last event id',
    stream: 'id: k5\n\ndata: a\n\n',
    events: [m('a', 'k5')],
    cursor: 'k5',
  },
  {
    name: 'an id-only block at the end still moves the cursor',
    stream: 'data: a\n\nid: k5\n\n',
    events: [m('a')],
    cursor: 'k5',
  },
  {
    name: 'an id with other non-data fields still counts',
    stream: 'retry: 5\nevent: x\nid: k4\n\n',
    events: [],
    cursor: 'k4',
  },
  {
    name: 'an empty id resets the last event id',
    stream: 'id: k1\ndata: a\n\nid:\ndata: b\n\n',
    events: [m('a', 'k1'), m('b', '')],
    cursor: undefined,
  },
  {
    name: 'a field "id" without a colon resets the last event id',
    stream: 'id: k1\ndata: a\n\nid\ndata: b\n\n',
    events: [m('a', 'k1'), m('b', '')],
    cursor: undefined,
  },
  {
    name: 'an id-only block with an empty id resets the cursor',
    stream: 'id: k1\ndata: a\n\nid:\n\n',
    events: [m('a', 'k1')],
    cursor: undefined,
  },
  {
    name: 'a new id after a reset is the cursor again',
    stream: 'id: k1\ndata: a\n\nid:\n\nid: k2\ndata: b\n\n',
    events: [m('a', 'k1'), m('b', 'k2')],
    cursor: 'k2',
  },
  {
    name: 'WPT format-field-id-null: an id containing NUL is ignored',
    stream: 'id: k1\ndata: a\n\nid: k2\0x\ndata: b\n\n',
    events: [m('a', 'k1'), m('b', 'k1')],
    cursor: 'k1',
  },
  {
    name: 'an id-only block whose id has NUL changes nothing',
    stream: 'id: k1\ndata: a\n\nid: \0\n\n',
    events: [m('a', 'k1')],
    cursor: 'k1',
  },
  {
    name: 'the last id field of a block wins',
    stream: 'id: k1\nid: k2\ndata: a\n\n',
    events: [m('a', 'k2')],
    cursor: 'k2',
  },
  {
    name: 'only one space after "id:" is stripped',
    stream: 'id:  k1\ndata: a\n\n',
    events: [m('a', ' k1')],
    cursor: ' k1',
  },
  {
    name: '"ID" is not the id field',
    stream: 'ID: k1\ndata: a\n\n',
    events: [m('a')],
    cursor: undefined,
  },
  {
    name: 'an id in a block cut off by the end of the stream does not count',
    stream: 'id: k1\ndata: a\n\nid: k2\ndata: b',
    events: [m('a', 'k1')],
    cursor: 'k1',
  },
  {
    name: 'an id in a block of an unlistened type still moves the cursor',
    stream: 'event: other\nid: k9\ndata: x\n\ndata: y\n\n',
    events: [m('y', 'k9')],
    cursor: 'k9',
    listen: ['message'],
  },
  {
    name: 'a non-ASCII id travels whole, split at any byte',
    stream: 'id: é✓😀\ndata: a\n\n',
    events: [m('a', 'é✓😀')],
    cursor: 'é✓😀',
  },
  {
    name: 'an id with spaces inside',
    stream: 'id: a b\ndata: x\n\n',
    events: [m('x', 'a b')],
    cursor: 'a b',
  },
  {
    name: 'an id ended by CR',
    stream: 'id: k1\rdata: a\r\r',
    events: [m('a', 'k1')],
    cursor: 'k1',
  },

  // retry: never an event, never data.
  { name: 'retry alone dispatches nothing', stream: 'retry: 10\n\n', events: [] },
  {
    name: 'a bogus retry is ignored',
    stream: 'retry: 1x\nretry: -1\nretry\ndata: a\n\n',
    events: [m('a')],
  },
];
