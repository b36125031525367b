/** The built app, served from disk with `serve-static`. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, relative, resolve, sep } from 'node:path'
import serveStatic from 'serve-static'

/** Answers a refused request: status, a reason to count by, and the body text. */
export type Reject = (status: number, reason: string, message?: string) => void

/** Serves one request for `path` (decoded, checked) from the app, or rejects it. */
export type ServeFile = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  reject: Reject,
) => void

/**
 * Serves the built app with `serve-static`: files under `root`, `index.html` for client-side
 * routes (paths without an extension), a 404 for a missing asset, a 503 while the app is not built.
 *
 * @remarks
 * `serve-static` (through `send`) refuses paths that climb out of `root`, answers HEAD and
 * ranges, and sets ETag and Last-Modified. Vite puts a content hash in every name under
 * `assets/`, so those are cached for good; everything else is revalidated.
 */
export function staticServer(
  root: string,
  /** Told of each full download of a dataset file (under `data/`), by file name. */
  dataset: (file: string) => void,
): ServeFile {
  const files = serveStatic(root, {
    redirect: false,
    // `send` would otherwise set `public, max-age=0` first; setHeaders picks per file.
    cacheControl: false,
    setHeaders: (res, file) => {
      const hashed = file.includes(`${sep}assets${sep}`)
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      const rel = relative(root, file).split(sep)
      const name = rel[1]
      if (rel.length === 2 && rel[0] === 'data' && name?.endsWith('.gz') === true) {
        res.once('finish', () => {
          if (res.req.method === 'GET' && res.statusCode === 200) dataset(name)
        })
      }
    },
  })
  /** Answers an error `send` passed on (a bad range, an unreadable file); false if none. */
  const failed = (err: unknown, reject: Reject): boolean => {
    if (err === undefined) return false
    const status = (err as { status?: unknown }).status
    if (typeof status === 'number' && status >= 400 && status < 500) {
      reject(status, 'file request refused')
    } else {
      reject(500, 'file error')
    }
    return true
  }
  return (req, res, path, reject) => {
    const file = resolve(join(root, normalize(path)))
    if (file !== root && !file.startsWith(root + sep)) return reject(403, 'outside static root')
    // Hand `send` the normalized path, so it looks up exactly the file checked above.
    req.url = new URL(path, 'http://relay.invalid').pathname
    files(req, res, (err?: unknown) => {
      if (failed(err, reject)) return
      // Client-side routes fall back to the app; a missing asset with an extension is a real 404.
      if (extname(path) !== '') return reject(404, 'not found')
      req.url = '/index.html'
      files(req, res, (err2?: unknown) => {
        if (failed(err2, reject)) return
        reject(
          503,
          'app not built',
          'the app is not built: run `npm run build` (npm start does it)',
        )
      })
    })
  }
}
