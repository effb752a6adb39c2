// Colour, as https://no-color.org asks: NO_COLOR set to anything but '' turns it off, as --no-color does;
// FORCE_COLOR, which chalk reads itself, wins over both. chalk's level is the one Ink draws with too.
import chalk from 'chalk';

export function chooseColor(flag: boolean, env: NodeJS.ProcessEnv = process.env): void {
	if (env.FORCE_COLOR !== undefined) return;
	if (!flag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) chalk.level = 0;
}
