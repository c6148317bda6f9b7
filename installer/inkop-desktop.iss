; Inno Setup script for Windows: packs the PyInstaller one-folder build (dist\inkop-desktop).
; Build: pyinstaller installer\inkop-desktop.spec, then iscc installer\inkop-desktop.iss
#define AppName "Inköp Sörmland–Västmanland"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1E4C1A-2F0B-4E7E-9C63-1B7E3A0D5A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Inköpsverksamheten Sörmland–Västmanland
DefaultDirName={autopf}\inkop-desktop
DefaultGroupName={#AppName}
OutputBaseFilename=inkop-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
WizardStyle=modern

[Languages]
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"

[Files]
Source: "..\dist\inkop-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\inkop-desktop.exe"
Name: "{group}\{#AppName} (demo)"; Filename: "{app}\inkop-desktop.exe"; Parameters: "--demo"

[Run]
Filename: "{app}\inkop-desktop.exe"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent
