-- POST /user, each with an email no one has used: the run's id, the thread
-- and a counter.
-- args: CLIENT_ID RUN_ID
dofile("bench/lua/tally.lua")

function init(args)
  client_id, run = args[1], args[2]
  counter = 0
  start_counting()
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/user", {
    ["x-koms-clientid"] = client_id,
    ["Content-Type"] = "application/json",
  }, '{"email":"new-' .. run .. '-' .. id .. '-' .. counter ..
     '@example.com","password":"correct horse battery"}')
end

function response(status, headers, body)
  count(status, 201)
end
