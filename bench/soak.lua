-- wrk script for bench/soak.sh: a mix of requests against the abi-probe app
-- (spin-trigger-http/src/test/resources/apps/abi-probe), a fixed total count,
-- a status-code histogram and a check of every 200 body.
--
-- Environment (set by soak.sh):
--   SOAK_TOTAL      requests over all threads (each thread stops after its share)
--   SOAK_THREADS    wrk -t value (to split SOAK_TOTAL)
--   SOAK_WEIGHTS    "hello,trap,body,loop" weights, e.g. "800,150,20,1"
--   SOAK_BODY_BYTES size of the /a/body request body (echoed back)
--   SOAK_DONE_DIR   a thread that got its share writes "thread-<id>" here (wrk itself
--                   only ends after -d; soak.sh sends it SIGINT once all threads are done)

local total   = tonumber(os.getenv("SOAK_TOTAL") or "100000")
local nthread = tonumber(os.getenv("SOAK_THREADS") or "2")
local bodylen = tonumber(os.getenv("SOAK_BODY_BYTES") or tostring(1024 * 1024))
local weights = {}
for w in string.gmatch(os.getenv("SOAK_WEIGHTS") or "800,150,20,0", "[^,]+") do
  weights[#weights + 1] = tonumber(w)
end

-- ---------------------------------------------------------------- main-thread side
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- ---------------------------------------------------------------- per-thread side
local reqs, cumulative, sum
local limit, sent, received = 0, 0, 0
statuses = {}   -- global: read by done() through thread:get
bad_bodies = 0
received_n = 0

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  local big = string.rep("0123456789abcdef", math.floor(bodylen / 16)) ..
              string.rep("x", bodylen % 16)
  reqs = {
    wrk.format("GET", "/a/flavour"),
    wrk.format("GET", "/a/trap"),
    wrk.format("POST", "/a/body", { ["Content-Type"] = "application/octet-stream" }, big),
    wrk.format("GET", "/a/loop"),
  }
  cumulative, sum = {}, 0
  for i = 1, 4 do
    sum = sum + (weights[i] or 0)
    cumulative[i] = sum
  end
  limit = math.ceil(total / nthread)
end

function request()
  sent = sent + 1
  local r = math.random() * sum
  for i = 1, 4 do
    if r < cumulative[i] then return reqs[i] end
  end
  return reqs[1]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 and body ~= "a" and #body ~= bodylen then
    bad_bodies = bad_bodies + 1
  end
  received = received + 1
  received_n = received
  if received == limit then
    local dir = os.getenv("SOAK_DONE_DIR")
    if dir then
      local f = io.open(dir .. "/thread-" .. tostring(id), "w")
      if f then f:write(received, "\n"); f:close() end
    end
    wrk.thread:stop()
  end
end

-- ---------------------------------------------------------------- report (main thread)
function done(summary, latency, requests)
  local hist, bad, n = {}, 0, 0
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for k, v in pairs(s) do hist[k] = (hist[k] or 0) + v end
    bad = bad + (t:get("bad_bodies") or 0)
    n = n + (t:get("received_n") or 0)
  end
  io.write("SOAK responses ", n, "\n")
  local keys = {}
  for k in pairs(hist) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do io.write("SOAK status ", k, " ", hist[k], "\n") end
  io.write("SOAK bad-200-bodies ", bad, "\n")
  local e = summary.errors
  io.write("SOAK socket-errors connect ", e.connect, " read ", e.read, " write ", e.write,
           " timeout ", e.timeout, "\n")
  io.write(string.format("SOAK latency p50 %.1f ms p99 %.1f ms max %.1f ms\n",
           latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
