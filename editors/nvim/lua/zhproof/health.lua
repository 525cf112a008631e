-- :checkhealth zhproof
local M = {}

function M.check()
  local health = vim.health
  health.start('zhproof')
  local cmd = (require('zhproof').config.cmd or { 'zhproof' })[1]
  if vim.fn.executable(cmd) == 1 then
    health.ok('binary found: ' .. vim.fn.exepath(cmd))
    local out = vim.fn.system({ cmd, '--version' })
    if vim.v.shell_error == 0 then
      health.ok('version: ' .. vim.trim(out))
    else
      health.error('`' .. cmd .. ' --version` failed: ' .. out)
    end
  else
    health.error('zhproof binary not found: ' .. cmd, { 'Install it with `cargo install --path .` in the zhproof repository', 'or set cmd in require("zhproof").setup{ cmd = { "/path/to/zhproof", "lsp" } }' })
  end
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = 'zhproof' })
  if #clients > 0 then
    health.ok(('server started (%d client%s)'):format(#clients, #clients > 1 and 's' or ''))
  else
    health.warn('server not started: open a text or markdown file')
  end
end

return M
