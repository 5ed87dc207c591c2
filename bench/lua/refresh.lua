-- PUT /session with a fresh pair every time: each thread takes its share of
-- the pairs file, and every answer's new pair replaces the one it used.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local pairs_file = args[1]
  client_id = args[2]
  available = {}
  local index = 0
  for line in io.lines(pairs_file) do
    if index % tonumber(args[3]) == id then
      local access, refresh = line:match("(%S+) (%S+)")
      table.insert(available, { access, refresh })
    end
    index = index + 1
  end
end

function request()
  local pair = table.remove(available)
  if pair == nil then
    -- Only after a refresh failed and lost its pair, which wrk counts as non-2xx.
    return wrk.format("GET", "/ping")
  end
  return wrk.format("PUT", "/session", {
    ["x-koms-clientid"] = client_id,
    ["Authorization"] = "Bearer " .. pair[1],
    ["Content-Type"] = "application/json",
  }, '{"refresh_token":"' .. pair[2] .. '"}')
end

function response(status, headers, body)
  local access = body:match('"access_token":"([^"]+)"')
  local refresh = body:match('"refresh_token":"([^"]+)"')
  if access and refresh then
    table.insert(available, { access, refresh })
  end
end
