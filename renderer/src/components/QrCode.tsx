import { encode } from 'uqr';
import { useMemo } from 'react';

/**
 * A QR code drawn as SVG from its module matrix (no innerHTML): the signed ticket reference on the
 * ticket screen, for when the paper did not come out. Quiet zone of 4 modules, as scanners expect.
 */
export function QrCode({ data, size, label }: { data: string; size: number; label: string }) {
  const path = useMemo(() => {
    const qr = encode(data, { ecc: 'M', border: 4 });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { d, modules: qr.size };
  }, [data]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-qr={data}
      width={size}
      height={size}
      viewBox={`0 0 ${path.modules} ${path.modules}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.modules} height={path.modules} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
