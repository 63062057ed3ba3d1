import { boot } from "./boot";

// Imported first by main.tsx, so the page's requests start before the rest of the app is evaluated.
boot(location.pathname);
