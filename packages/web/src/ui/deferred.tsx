// Components whose code is not needed for a page's first paint (dialogs, menus) load in parallel
// with it: the download starts when the module that declares them is evaluated, the page renders
// without waiting, and once loaded the component renders synchronously like any other. Until then
// (or if the download failed: it is retried at the next mount) the fallback renders.
import { useEffect, useState, type ComponentType } from "react";

export function deferred<P extends object>(load: () => Promise<ComponentType<P>>, Fallback?: ComponentType<P>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () => {
    pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = null; // a chunk that failed to download (offline, a new deploy) is retried later
        throw error;
      },
    );
    return pending;
  };
  start().catch(() => undefined);

  function Deferred(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      start().then(
        (component) => live && setComponent(() => component),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (Component) return <Component {...props} />;
    return Fallback ? <Fallback {...props} /> : null;
  }
  return Deferred;
}
