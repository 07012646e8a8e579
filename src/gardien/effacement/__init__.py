"""Delete a file or a folder so that it means it on the medium at hand (document 003: « utiliser les modes
sécurisés de suppression », references.md POSTE-09).

On a hard disk with a file system that writes in place, each file is overwritten with random data, then renamed
and deleted. On an SSD, a USB key, a memory card, or a file system that writes changes elsewhere (APFS, Btrfs…),
overwriting cannot reach the old data: Gardien deletes, says so, and checks that the disk is encrypted — the real
protection, completed at the end of the device's life by deleting its key (gardien.fin_de_vie).

Never follows a link out of the target, refuses system folders, the home folder and its ancestors, and never
crosses into another mounted disk.
"""
