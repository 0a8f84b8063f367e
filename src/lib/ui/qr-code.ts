// A QR code as an image the page can show without a network or a canvas: `qrcode`'s SVG in a
// data: URL. The library is imported only when a code is drawn (the invitation link, the second
// factor's enrolment), so it never weighs on the screens that show none.
export async function qrCodeDataUrl(text: string): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
