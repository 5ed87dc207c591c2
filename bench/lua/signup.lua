-- POST /user with an email no one has used: thread number and a counter.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  client_id, run = args[1], args[2]
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/user", {
    ["x-koms-clientid"] = client_id,
    ["Content-Type"] = "application/json",
  }, '{"email":"new-' .. run .. '-' .. id .. '-' .. counter .. '@example.com","password":"correct horse battery"}')
end
