; Inno Setup 6 script: a per-machine Windows installer of the PyInstaller bundle.
; Build on Windows (installer/README.md):
;   pip install -e .[installer]
;   pyinstaller --noconfirm installer\inkop-desktop.spec        -> dist\inkop-desktop\
;   iscc /DAppVersion=0.1.0 installer\windows\inkop-desktop.iss  -> dist\inkop-desktop-0.1.0-setup.exe
; Silent install for software distribution (SCCM/Intune):
;   inkop-desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="%TEMP%\inkop-setup.log"
; Silent uninstall:
;   "%ProgramFiles%\Inkop Desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Per-user data (settings.json, the local SQLite database, backups, the log) lives in
; %LOCALAPPDATA%\Inkopsverksamheten\inkop-desktop and passwords in the Windows Credential Manager;
; neither is touched by installing, upgrading or uninstalling.
#define AppName "Inköp Sörmland–Västmanland"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Bundle "..\..\dist\inkop-desktop"

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6C1E4C1A-2F0B-4E7E-9C63-1B7E3A0D5A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Inköpsverksamheten Sörmland–Västmanland
; per-machine: C:\Program Files\Inkop Desktop, shortcuts for all users, needs administrator rights
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
DefaultDirName={autopf}\Inkop Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayIcon={app}\inkop-desktop.exe
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=inkop-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; a running copy is closed before files are replaced (silent installs too)
CloseApplications=yes
RestartApplications=no
VersionInfoVersion={#AppVersion}

[Languages]
; Swedish.isl is an unofficial Inno Setup translation (jrsoftware.org/files/istrans/): copy it to
; the compiler's Languages folder to get a Swedish wizard; without it the wizard is in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[InstallDelete]
; an upgrade must not keep libraries of the previous version beside the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\inkop-desktop.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\inkop.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\inkop-desktop.exe"
Name: "{autoprograms}\{#AppName} (demo)"; Filename: "{app}\inkop-desktop.exe"; Parameters: "--demo"

[Run]
Filename: "{app}\inkop-desktop.exe"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent unchecked runasoriginaluser
