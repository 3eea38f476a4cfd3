// A Spin 3 HTTP component: the Spin JS SDK (StarlingMonkey) turns this fetch-event handler
// into a wasi:http/incoming-handler export.

function handle(request) {
  const url = new URL(request.url);
  return new Response(`Hello from JavaScript on Spin! You asked for ${url.pathname}\n`, {
    status: 200,
    headers: { 'content-type': 'text/plain' },
  });
}

addEventListener('fetch', (event) => {
  event.respondWith(handle(event.request));
});
