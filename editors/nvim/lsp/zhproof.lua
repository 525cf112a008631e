-- zhproof for Neovim 0.11+: put editors/nvim on 'runtimepath' (its
-- plugin/zhproof.lua adds :ZhproofFixAll and warns once when the binary is
-- missing), or copy this file to ~/.config/nvim/lsp/zhproof.lua; then call
-- vim.lsp.enable('zhproof'). To use a local build, override cmd:
--   vim.lsp.config('zhproof', { cmd = { '/path/to/zhproof/target/release/zhproof', 'lsp' } })
-- Settings under `settings.zhproof` are sent to the server
-- (rules, style = { spacing, quotes }, words, articleDate).
return {
  cmd = { 'zhproof', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { '.zhproof.toml', '.git' },
  settings = {
    zhproof = {},
  },
}
