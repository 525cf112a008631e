-- zhproof for Neovim: require('zhproof').setup{} works on 0.9 and newer.
-- On 0.11+ it uses vim.lsp.config/vim.lsp.enable; on 0.9–0.10 it starts the
-- client with vim.lsp.start for text and markdown buffers.
local M = {}

M.defaults = {
  cmd = { 'zhproof', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { '.zhproof.toml', '.git' },
  -- passed to the server as the `zhproof` settings section:
  -- { rules = { ['punct-halfwidth'] = 'off' }, style = { spacing = 'none', quotes = '“”' },
  --   words = { '高实集团' }, articleDate = '2018-11-05' }
  settings = {},
}

M.config = vim.deepcopy(M.defaults)

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fs.dirname(name) or vim.loop.cwd()
  local found = vim.fs.find(M.config.root_markers, { upward = true, path = start })[1]
  return found and vim.fs.dirname(found) or start
end

local function start(bufnr)
  return vim.lsp.start({
    name = 'zhproof',
    cmd = M.config.cmd,
    root_dir = root_dir(bufnr),
    settings = { zhproof = M.config.settings },
  }, { bufnr = bufnr })
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('zhproof', {
      cmd = M.config.cmd,
      filetypes = M.config.filetypes,
      root_markers = M.config.root_markers,
      settings = { zhproof = M.config.settings },
    })
    vim.lsp.enable('zhproof')
  else
    local group = vim.api.nvim_create_augroup('zhproof', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.config.filetypes,
      callback = function(args)
        start(args.buf)
      end,
    })
  end
  vim.api.nvim_create_user_command('ZhproofFixAll', function()
    M.fix_all()
  end, { desc = 'zhproof: fix all fixable problems in the buffer' })
end

--- Apply the server's source.fixAll.zhproof action to the current buffer.
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.zhproof' }, diagnostics = {} },
    apply = true,
  })
end

return M
