/**
 * The images a paste carries (a screenshot, an image copied in a browser or an editor), each with a name the
 * import can keep. A paste into a text field with no image on the clipboard stays the field's.
 */
export function pastedImageFiles(event: ClipboardEvent): File[] {
  const files = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
  // Clipboards name every image "image.png"; the paste's time tells several apart in the library.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return files.map((file, index) =>
    file.name && file.name !== 'image.png'
      ? file
      : new File(
          [file],
          `pasted-${stamp}${files.length > 1 ? `-${index + 1}` : ''}.${file.type.split('/')[1] ?? 'png'}`,
          {
            type: file.type,
          },
        ),
  );
}
