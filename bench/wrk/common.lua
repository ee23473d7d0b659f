-- Shared by the wrk scripts: reads the seeded sessions and users that bench/run wrote, and reports in one
-- machine-readable line that bench/run parses.
local common = {}

function common.lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function common.split(line)
  local a, b = line:match("^(%S+)%s+(%S+)$")
  return a, b
end

function common.report(summary, latency)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p99_us\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end

return common
