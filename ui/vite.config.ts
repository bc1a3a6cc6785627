import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bundle is loaded by the Tauri webview from ui/dist (see tauri.conf.json), so asset paths
// are relative and the dev server keeps the port the Tauri CLI expects.
export default defineConfig({
  base: './',
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
});
