// Types of `virtual:pwa-register`, the module vite-plugin-pwa generates at build time.
/// <reference types="vite-plugin-pwa/client" />
