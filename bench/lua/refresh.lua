-- PUT /session, each time with a fresh pair: every thread takes its share of
-- the pairs file as a pool, a request takes a pair out, and the new pair of
-- its answer goes back in, so each refresh uses a pair that the previous
-- refresh of that session returned. wrk cannot tell which connection asks
-- for a request, hence one pool per thread, with more pairs than connections.
-- args: PAIRS_FILE CLIENT_ID THREADS
dofile("bench/lua/tally.lua")

function init(args)
  client_id = args[2]
  local thread_count = tonumber(args[3])
  pool = {}
  local index = 0
  for line in io.lines(args[1]) do
    if index % thread_count == id then
      local access, refresh = line:match("(%S+) (%S+)")
      table.insert(pool, { access, refresh })
    end
    index = index + 1
  end
  start_counting()
  counters.starved = 0
end

function request()
  local pair = table.remove(pool, 1)
  if pair == nil then
    -- Every pair is in flight or was lost to a failed refresh: this request
    -- has no token, gets a 401, and is counted as starved.
    counters.starved = counters.starved + 1
    return wrk.format("PUT", "/session", {
      ["x-koms-clientid"] = client_id,
      ["Content-Type"] = "application/json",
    }, '{"refresh_token":"none"}')
  end
  return wrk.format("PUT", "/session", {
    ["x-koms-clientid"] = client_id,
    ["Authorization"] = "Bearer " .. pair[1],
    ["Content-Type"] = "application/json",
  }, '{"refresh_token":"' .. pair[2] .. '"}')
end

function response(status, headers, body)
  count(status, 200)
  if status ~= 200 or body == nil then
    return
  end
  local access = body:match('"access_token":"([^"]+)"')
  local refresh = body:match('"refresh_token":"([^"]+)"')
  if access and refresh then
    table.insert(pool, { access, refresh })
  end
end
