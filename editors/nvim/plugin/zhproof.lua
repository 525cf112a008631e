-- Loaded at startup when this directory is on 'runtimepath' (a plugin
-- manager, or packages): the :ZhproofFixAll command and, for
-- vim.lsp.enable('zhproof') (0.11+, with lsp/zhproof.lua), a one-time
-- warning when the zhproof binary is missing. require('zhproof').setup{}
-- does the same for its own path.
if vim.g.loaded_zhproof then
  return
end
vim.g.loaded_zhproof = true
local zhproof = require('zhproof')
zhproof.create_commands()
if vim.lsp.config then
  zhproof.watch_enabled()
end
