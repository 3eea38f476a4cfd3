// One Spin 3 JS SDK app (StarlingMonkey, wasi:http/incoming-handler) with one route per
// behaviour spinj's HTTP trigger must match Spin on; tests run it on jco serve (the reference)
// and on spinj and compare. Each route says what a test can rely on.

const encoder = new TextEncoder();

function hello() {
  return new Response('hello from a Spin JS guest\n', {
    headers: { 'content-type': 'text/plain' },
  });
}

// 201 with a header set twice: the test checks both values arrive as the guest appended them.
function status() {
  const headers = new Headers();
  headers.set('content-type', 'text/plain');
  headers.append('x-multi', 'first');
  headers.append('x-multi', 'second');
  headers.append('set-cookie', 'a=1; Path=/');
  headers.append('set-cookie', 'b=2; Path=/');
  return new Response('created\n', { status: 201, headers });
}

// The request body streamed back unchanged; what the guest saw of the request line and headers
// goes in x-echo-* response headers (headers as a JSON list of [name, value] pairs, in order).
function echo(request, url) {
  const headers = new Headers();
  headers.set('content-type', 'application/octet-stream');
  headers.set('x-echo-method', request.method);
  headers.set('x-echo-path', url.pathname);
  headers.set('x-echo-query', url.search);
  headers.set('x-echo-headers', JSON.stringify([...request.headers]));
  return new Response(request.body, { headers });
}

// `chunks` chunks of text; before each chunk after the first the guest awaits a GET of the
// x-gate-url request header (with ?after=<chunks sent>), so a test holding that URL's answer
// decides when the next chunk may go out, and can see the earlier ones arrive meanwhile.
function stream(request, url) {
  const gate = request.headers.get('x-gate-url');
  const chunks = Number(url.searchParams.get('chunks') ?? '3');
  let sent = 0;
  const body = new ReadableStream({
    async pull(controller) {
      if (sent > 0 && gate) {
        const released = await fetch(`${gate}?after=${sent}`);
        await released.arrayBuffer();
      }
      if (sent === chunks) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`chunk ${sent}\n`));
      sent++;
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/plain' } });
}

// An outbound GET of ?url=…: 200 with the upstream body and its status in x-upstream-status, or
// 502 with the error's text when the fetch fails (a host not in allowed_outbound_hosts).
async function outbound(url) {
  const target = url.searchParams.get('url');
  try {
    const upstream = await fetch(target);
    const text = await upstream.text();
    return new Response(text, {
      headers: { 'content-type': 'text/plain', 'x-upstream-status': String(upstream.status) },
    });
  } catch (e) {
    return new Response(`fetch failed: ${e}\n`, { status: 502, headers: { 'content-type': 'text/plain' } });
  }
}

async function handle(request) {
  const url = new URL(request.url);
  switch (url.pathname) {
    case '/':
      return hello();
    case '/status':
      return status();
    case '/stream':
      return stream(request, url);
    case '/fetch':
      return outbound(url);
    case '/throw':
      throw new Error('the guest failed on purpose');
    default:
      if (url.pathname.startsWith('/echo')) {
        return echo(request, url);
      }
      return new Response('no such route\n', { status: 404 });
  }
}

addEventListener('fetch', (event) => {
  event.respondWith(handle(event.request));
});
