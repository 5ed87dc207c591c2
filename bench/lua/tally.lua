-- Shared by the benchmark's wrk scripts (loaded with dofile from the
-- repository root, where bench/run works): numbers the threads, counts the
-- answers of each thread by status, and ends the run with one line
-- "lua key=value …" of the totals over all threads, which bench/bench.py
-- reads. `ok` counts the answers with the status the script expects;
-- a script may add counters of its own to `counters`.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Call from init: each thread counts in its own Lua state.
function start_counting()
  counters = { ok = 0 }
end

function count(status, expected)
  local key = "status_" .. status
  counters[key] = (counters[key] or 0) + 1
  if status == expected then
    counters.ok = counters.ok + 1
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("counters")) do
      totals[key] = (totals[key] or 0) + value
    end
  end
  local line = "lua"
  for key, value in pairs(totals) do
    line = line .. " " .. key .. "=" .. value
  end
  print(line)
end
