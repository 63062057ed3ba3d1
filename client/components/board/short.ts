/** Card and category names in button labels and announcements: enough to tell them apart. */
export const short = (text: string): string => text.slice(0, 40);
