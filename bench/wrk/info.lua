-- GET /api/info: the framework's ceiling on the same server (no database, no authentication).
package.path = package.path .. ";" .. os.getenv("BENCH_WRK_DIR") .. "/?.lua"
local common = require("common")

function request()
  return wrk.format("GET", "/api/info")
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
