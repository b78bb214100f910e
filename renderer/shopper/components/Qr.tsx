import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code for `data` as an inline SVG image (qrcode → SVG string → data URL). */
export function Qr({ data, label, size = 224 }: { data: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(data, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [data]);
  return <div className="qr" style={{ inlineSize: size, blockSize: size }}>{src && <img src={src} alt={label} width={size} height={size} data-testid="qr" />}</div>;
}
